revoke all on all tables in schema public from anon;
revoke select on public.order_totals from authenticated;
