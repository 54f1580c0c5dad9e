-- One row per column with a sensitive name in a table of `public` without row-level security
-- that `anon` or `authenticated` can select (splinter 0023).
select c.oid::regclass, a.attname
  from pg_catalog.pg_class c
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
 where c.relkind = 'r'
   and c.relnamespace = 'public'::regnamespace
   and not c.relrowsecurity
   and replace(lower(a.attname), '-', '_') in (
       '2fa_code', '2fa_secret', 'access_token', 'activation_key', 'api_key', 'apikey', 'auth_code',
       'auth_key', 'backup_code', 'bearer_token', 'certificate', 'gpg_key', 'jwt', 'license_key',
       'oauth_token', 'otp', 'passphrase', 'passwd', 'password', 'pgp_key', 'private_key', 'pwd',
       'recovery_code', 'refresh_token', 'secret', 'secret_key', 'session_id', 'session_key',
       'session_secret', 'session_token', 'ssh_key', 'token', 'two_factor', 'verification_code',
       'driver_license', 'drivers_license', 'license_number', 'national_id', 'passport_id',
       'passport_number', 'social_security', 'social_security_number', 'ssn', 'tax_id',
       'account_number', 'bank_account', 'bic', 'card_number', 'credit_card', 'cvc', 'cvn', 'cvv',
       'iban', 'routing_number', 'swift_code', 'health_insurance', 'health_record',
       'insurance_number', 'medical_insurance', 'medical_record', 'patient_id', 'treatment',
       'device_uuid', 'facial_recognition', 'imei', 'mac_address', 'macaddr'
   )
   and (pg_catalog.has_column_privilege('anon', c.oid, a.attnum, 'SELECT')
        or pg_catalog.has_column_privilege('authenticated', c.oid, a.attnum, 'SELECT'));
