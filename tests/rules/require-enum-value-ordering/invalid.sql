alter type public.order_status add value if not exists 'packed'; -- expect: require-enum-value-ordering
ALTER TYPE order_status ADD VALUE 'lost'; -- expect: require-enum-value-ordering
