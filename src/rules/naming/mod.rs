//! File naming: `YYYYMMDDHHMMSS_snake_case_description.sql` in the migrations folder.
