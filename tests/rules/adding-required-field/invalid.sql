alter table public.notes add column owner_id uuid not null; -- expect: adding-required-field
alter table public.notes add column if not exists a int not null, add column b text not null; -- expect: adding-required-field
alter table public.notes
  add column c text references public.users (id) not null; -- expect: adding-required-field
