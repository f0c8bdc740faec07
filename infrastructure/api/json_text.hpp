// json_text.hpp — JSON values as text the way people read them: numbers
// with a fraction print as "12.5", not Boost.JSON's "1.25E1"; whole numbers
// as integers; NaN and infinities as null; strings that are not valid
// UTF-8 with U+FFFD where they are not (the result always parses).
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace nyxmon::infra::api {

std::string to_json_text(const boost::json::value& value);

}  // namespace nyxmon::infra::api
