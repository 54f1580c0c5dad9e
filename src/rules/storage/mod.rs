//! Storage buckets: public buckets, upload limits, policies scoped to one bucket, and
//! buckets the application registers.

mod public_bucket_listing;
mod storage_bucket_limits;
mod storage_bucket_private;
mod storage_bucket_registered;
mod storage_policy_bucket_scope;

pub use public_bucket_listing::PublicBucketListing;
pub use storage_bucket_limits::StorageBucketLimits;
pub use storage_bucket_private::StorageBucketPrivate;
pub use storage_bucket_registered::StorageBucketRegistered;
pub use storage_policy_bucket_scope::StoragePolicyBucketScope;
