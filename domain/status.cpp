// The domain library needs at least one translation unit of its own.
#include "domain/status.hpp"
