-- Fencing by token (PostgreSQL only): besides its name (golive.replica), a replica's connection carries the fencing
-- token of every lease it holds (golive.tokens, a JSON object plan -> token). A plan's row may be written only when
-- the lease names that replica, carries that very token and has not expired (database clock): a replica that lost a
-- plan and took it back since holds a new token, so nothing it prepared under the old lease can land. A missing
-- token is refused. The lease row stays locked FOR SHARE until the write commits (a takeover waits for it).
-- Connections that name no replica (tools) are not fenced.
create or replace function golive_fence() returns trigger language plpgsql as $$
declare
  me text := current_setting('golive.replica', true);
  tokens text := current_setting('golive.tokens', true);
  mine bigint;
begin
  if me is null or me = '' then
    return new;
  end if;
  if tokens is not null and tokens <> '' then
    mine := (tokens::jsonb ->> new.plan)::bigint;
  end if;
  perform 1 from plan_lease where plan = new.plan and owner = me and token = mine and expires_at > now() for share;
  if not found then
    raise exception 'golive fencing: replica % with token % does not hold the lease of plan %', me,
      coalesce(mine::text, 'none'), new.plan using errcode = 'GL001';
  end if;
  return new;
end $$;
