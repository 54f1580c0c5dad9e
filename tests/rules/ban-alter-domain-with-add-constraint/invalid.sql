alter domain public.email add constraint email_lower check (value = lower(value)); -- expect: ban-alter-domain-with-add-constraint
ALTER DOMAIN positive ADD CHECK (VALUE < 1000) NOT VALID; -- expect: ban-alter-domain-with-add-constraint
