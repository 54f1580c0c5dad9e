-- +goose NO TRANSACTION
begin;
begin; -- expect: transaction-nesting
commit;
commit; -- expect: transaction-nesting
begin; -- expect: transaction-nesting
select 1;
