-- Each insert fails with a duplicate key on a second run; the fix adds ON CONFLICT.
insert into storage.buckets (id, name, public) -- expect: insert-on-conflict
values ('avatars', 'avatars', false);
INSERT INTO storage.buckets (id, name) VALUES ('exports', 'exports'), ('imports', 'imports'); -- expect: insert-on-conflict
insert into storage.buckets (id, name) values ('docs', 'docs') returning id; -- expect: insert-on-conflict
insert into storage.buckets (id, name) select 'reports', 'reports'; -- expect: insert-on-conflict
insert into "storage"."buckets" (id, name) -- expect: insert-on-conflict
values ('media', 'media') -- the bucket for uploads
;
do $$
begin
  insert into storage.buckets (id, name) values ('nested', 'nested'); -- expect: insert-on-conflict
end $$;
