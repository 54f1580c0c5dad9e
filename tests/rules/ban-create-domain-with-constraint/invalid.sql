create domain public.email as text check (value ~* '^[^@]+@[^@]+$'); -- expect: ban-create-domain-with-constraint
create domain public.positive as int constraint positive_check check (value > 0); -- expect: ban-create-domain-with-constraint
