create table if not exists app.tasks (id bigint primary key);
create table if not exists public.notes (id bigint primary key);
create table if not exists app.notes (id bigint primary key);
