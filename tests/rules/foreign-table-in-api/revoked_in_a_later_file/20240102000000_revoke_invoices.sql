revoke select on public.invoices from anon, authenticated;
