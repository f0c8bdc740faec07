// json_path.hpp — values in a JSON body, found by JSON Pointer (RFC 6901:
// "/checks/db/state", "/items/0/id", "~1" for '/' and "~0" for '~' in a
// key) or by the dotted shorthand ("checks.db.state", "items.0.id", for
// keys without dots), as http checks' expectations and metrics read them.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace nyxmon::infra::probes {

// The value at `path` in `root`, or nullptr with `why` saying which part of
// the path is not there ("JSON has no '/queue/depth'").
const boost::json::value* find_json(const boost::json::value& root, const std::string& path,
                                    std::string& why);

// The value at `path` in `document` compared with `expected` (JSON text, or
// a bare string). Returns an empty string when it matches, else why not.
std::string json_mismatch(std::string_view document, const std::string& path,
                          const std::string& expected);

}  // namespace nyxmon::infra::probes
