create table public.sms_optins (phone text primary key references auth.users (phone));
