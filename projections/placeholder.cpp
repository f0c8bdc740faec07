// Placeholder until the first projection lands.
#include "domain/status.hpp"
