-- Each insert here can run twice.
insert into storage.buckets (id, name, public)
values ('avatars', 'avatars', false)
on conflict (id) do nothing;

insert into storage.buckets (id, name, public)
values ('exports', 'exports', false)
on conflict (id) do update set public = excluded.public;

insert into storage.buckets (id, name)
select 'reports', 'reports'
where not exists (select 1 from storage.buckets where id = 'reports');

delete from storage.buckets where id = 'scratch';
insert into storage.buckets (id, name) values ('scratch', 'scratch');

do $$
begin
  insert into storage.buckets (id, name) values ('guarded', 'guarded');
exception when unique_violation then null;
end $$;

-- Other tables are not seed tables unless configured.
create table if not exists public.notes (id bigint primary key);
insert into public.notes (id) values (1) on conflict do nothing;
