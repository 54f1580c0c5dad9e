create table public.profiles (id uuid primary key, handle text not null);
create index profiles_handle_idx on public.profiles (handle);
