// exit_code.hpp — what `nyxmon` returns to the shell. Documented in --help
// and the README; scripts rely on these, so never renumber.
#pragma once

#include "domain/error.hpp"

namespace nyxmon::tools {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,          // bad arguments or input (config, time, unknown check)
  kExitStore = 2,          // the store is missing, locked, damaged or unreadable
  kExitSomethingDown = 3,  // `status`: at least one check or service is down
  kExitNotDelivered = 4,   // `notify test`: the receiver did not take the notification
};

// The exit code for an error that ends a command: the one table.
// invalid, not_found and conflict: 1 (what was asked can't be done as
// asked); unavailable, io, corruption, unsupported and internal: 2 (the
// store or the engine could not do it: locked, damaged, not recording).
inline ExitCode exit_code_for(const domain::Error& error) {
  switch (error.code) {
    case domain::ErrorCode::kInvalidArgument:
    case domain::ErrorCode::kNotFound:
    case domain::ErrorCode::kConflict:
      return kExitUsage;
    case domain::ErrorCode::kUnavailable:
    case domain::ErrorCode::kIo:
    case domain::ErrorCode::kCorruption:
    case domain::ErrorCode::kUnsupported:
    case domain::ErrorCode::kInternal:
      return kExitStore;
  }
  return kExitStore;
}

}  // namespace nyxmon::tools
