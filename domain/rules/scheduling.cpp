#include "domain/rules/scheduling.hpp"

namespace nyxmon::domain {

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

Duration phase_offset(std::string_view check_id, Duration interval) {
  if (interval <= Duration::zero()) return Duration::zero();
  return Duration(static_cast<Duration::rep>(stable_hash(check_id) %
                                             static_cast<std::uint64_t>(interval.count())));
}

namespace {

// floor((t - phase) / interval) for possibly negative values.
std::int64_t grid_index(Timestamp t, Duration phase, Duration interval) {
  const std::int64_t offset = (t.time_since_epoch() - phase).count();
  const std::int64_t step = interval.count();
  std::int64_t index = offset / step;
  if (offset % step != 0 && offset < 0) --index;
  return index;
}

Timestamp grid_point(std::int64_t index, Duration phase, Duration interval) {
  return Timestamp(phase + interval * index);
}

}  // namespace

Timestamp first_due(std::string_view check_id, Duration interval, Timestamp now) {
  const Duration phase = phase_offset(check_id, interval);
  const std::int64_t index = grid_index(now, phase, interval);
  const Timestamp at = grid_point(index, phase, interval);
  return at == now ? at : grid_point(index + 1, phase, interval);
}

Timestamp next_grid_point(std::string_view check_id, Duration interval, Timestamp after) {
  const Duration phase = phase_offset(check_id, interval);
  return grid_point(grid_index(after, phase, interval) + 1, phase, interval);
}

NextRun next_run(std::string_view check_id, Duration interval, Duration retry_interval,
                 Timestamp previous_due, Timestamp result_at, bool soft_failure) {
  const Timestamp on_grid = next_grid_point(check_id, interval, previous_due);
  if (soft_failure) {
    const Timestamp retry = result_at + std::min(retry_interval, interval);
    if (retry < on_grid) return {retry, RunReason::kRetry};
  }
  // A run that took longer than its interval (or a long pause) skips the
  // grid points already past instead of queueing them.
  if (on_grid <= result_at)
    return {next_grid_point(check_id, interval, result_at), RunReason::kSchedule};
  return {on_grid, RunReason::kSchedule};
}

NextRun catch_up(Timestamp due_at, RunReason reason, Timestamp now) {
  if (due_at < now) return {now, RunReason::kCatchUp};
  return {due_at, reason};
}

}  // namespace nyxmon::domain
