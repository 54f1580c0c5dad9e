-- Public buckets serve every file to anyone with its URL.
insert into storage.buckets (id, name, public)
values ('avatars', 'avatars', true) -- expect: storage-bucket-private
on conflict (id) do nothing;

INSERT INTO storage.buckets (id, name, PUBLIC)
VALUES
  ('logos', 'logos', TRUE), -- expect: storage-bucket-private
  ('exports', 'exports', false);

insert into "storage"."buckets" ("id", "name", "public")
values ('banners'::text, 'banners', 't'::boolean) -- expect: storage-bucket-private
on conflict (id) do nothing;

-- Without a column list the values follow the table's column order.
insert into storage.buckets
values ('raw', 'raw', null, now(), now(), (true)) -- expect: storage-bucket-private
on conflict (id) do nothing;

-- An existing bucket made public.
update storage.buckets set public = true where id = 'exports'; -- expect: storage-bucket-private
update storage.buckets set public = true; -- expect: storage-bucket-private

do $$
begin
  if not exists (select 1 from storage.buckets where id = 'media') then
    insert into storage.buckets (id, name, public) values ('media', 'media', true); -- expect: storage-bucket-private
  end if;
end $$;
