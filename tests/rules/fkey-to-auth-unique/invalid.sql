create table public.sms_optins (
  phone text primary key references auth.users (phone) on delete cascade -- expect: fkey-to-auth-unique
);

create table public.identity_notes (
  provider_id text not null,
  provider text not null,
  note text,
  foreign key (provider_id, provider) references auth.identities (provider_id, provider) -- expect: fkey-to-auth-unique
);
