begin; -- expect: transaction-nesting
alter table public.notes add column if not exists archived boolean not null default false;
commit; -- expect: transaction-nesting
START TRANSACTION; -- expect: transaction-nesting
rollback; -- expect: transaction-nesting
end; -- expect: transaction-nesting
