-- Seed data for local development: the Supabase CLI runs seed.sql after the migrations.
insert into public.notes (id) values (1) on conflict do nothing;
