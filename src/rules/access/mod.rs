//! Row-level security and access: RLS, policies, `SECURITY DEFINER` functions, grants, views.

mod anon_write_grant;
mod auth_function_initplan;
mod function_execute_grants;
mod function_search_path;
mod no_permissive_true;
mod no_user_metadata_in_policy;
mod policy_clauses;
mod policy_recursion;
mod policy_roles;
mod privilege_escalation;
mod revoke_default_privileges;
mod rls_enabled;
mod search_path_qualified_references;
mod security_definer_authorization;
mod security_definer_search_path;
mod super_admin_bypass;
mod view_security_invoker;

pub use anon_write_grant::AnonWriteGrant;
pub use auth_function_initplan::AuthFunctionInitplan;
pub use function_execute_grants::FunctionExecuteGrants;
pub use function_search_path::FunctionSearchPath;
pub use no_permissive_true::NoPermissiveTrue;
pub use no_user_metadata_in_policy::NoUserMetadataInPolicy;
pub use policy_clauses::PolicyClauses;
pub use policy_recursion::PolicyRecursion;
pub use policy_roles::PolicyRoles;
pub use privilege_escalation::PrivilegeEscalation;
pub use revoke_default_privileges::RevokeDefaultPrivileges;
pub use rls_enabled::RlsEnabled;
pub use search_path_qualified_references::SearchPathQualifiedReferences;
pub use security_definer_authorization::SecurityDefinerAuthorization;
pub use security_definer_search_path::SecurityDefinerSearchPath;
pub use super_admin_bypass::SuperAdminBypass;
pub use view_security_invoker::ViewSecurityInvoker;
