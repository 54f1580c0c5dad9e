grant select on all tables in schema public to anon; -- expect: materialized-view-in-api
