alter table public.sms_optins drop constraint sms_optins_phone_fkey;
