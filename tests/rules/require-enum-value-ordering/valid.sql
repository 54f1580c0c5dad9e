alter type public.order_status add value if not exists 'packed' after 'paid';
alter type public.order_status add value if not exists 'draft' before 'paid';
alter type public.order_status rename value 'lost' to 'missing';
