/**
 * Lua scripts of the Redis adapter. Each runs atomically on the server, which is what makes
 * counters, leases and slot sets exact when many API instances race. Slot expiry reads the
 * server's clock (`TIME`), never the caller's, so instances with skewed clocks still agree.
 */

/** Whole milliseconds on the Redis server's clock; integers print exactly when concatenated. */
const CLOCK = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** The slot set key lives exactly as long as its longest-lived member, so idle sets vanish. */
const KEEP_UNTIL_LAST = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end`;

export const SCRIPTS = {
  /** INCRBY, and PEXPIRE only when this call created the counter (fixed windows). */
  kvIncr: `local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`,

  /** Compare-and-extend: only the holder can renew its lease. */
  kvRenew: `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`,

  /** Compare-and-delete: only the holder can release its lease. */
  kvRelease: `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`,

  /** ARGV: member, limit, ttlMs. Drops lapsed members, then admits or refreshes. */
  kvSlotAcquire: `${CLOCK}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
${KEEP_UNTIL_LAST}
return 1`,

  /** ARGV: member, ttlMs. Refreshes only a member that still holds its slot. */
  kvSlotRenew: `${CLOCK}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
${KEEP_UNTIL_LAST}
return 1`,

  /** ARGV: member. */
  kvSlotRelease: `redis.call('ZREM', KEYS[1], ARGV[1])
${KEEP_UNTIL_LAST}
return 1`,

  /** Live members, soonest expiry first; lapsed ones are filtered, not removed (read-only). */
  kvSlotMembers: `${CLOCK}
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')`,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Scripts in the shape ioredis's `scripts` option takes; all of them touch exactly one key. */
export const SCRIPT_DEFINITIONS: Record<ScriptName, { lua: string; numberOfKeys: 1; readOnly?: boolean }> = {
  kvIncr: { lua: SCRIPTS.kvIncr, numberOfKeys: 1 },
  kvRenew: { lua: SCRIPTS.kvRenew, numberOfKeys: 1 },
  kvRelease: { lua: SCRIPTS.kvRelease, numberOfKeys: 1 },
  kvSlotAcquire: { lua: SCRIPTS.kvSlotAcquire, numberOfKeys: 1 },
  kvSlotRenew: { lua: SCRIPTS.kvSlotRenew, numberOfKeys: 1 },
  kvSlotRelease: { lua: SCRIPTS.kvSlotRelease, numberOfKeys: 1 },
  kvSlotMembers: { lua: SCRIPTS.kvSlotMembers, numberOfKeys: 1, readOnly: true },
};
