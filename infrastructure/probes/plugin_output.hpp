// plugin_output.hpp — what a Nagios/Monitoring Plugins check printed, read
// as the plugin API describes it:
//
//   TEXT OUTPUT | PERFDATA
//   LONG TEXT LINE 1
//   LONG TEXT LINE 2 | PERFDATA
//   PERFDATA
//
// The first line's text is the summary; performance data comes after the
// first '|' of the first line, and after the first '|' of any later line
// together with every line after that one. Each item is
// 'label'=value[UOM];warn;crit;min;max, items apart by spaces; a label
// with spaces or '=' is quoted, '' inside quotes being one quote.
//
// A parser of text a command controls: nothing it reads makes it fail. An
// item that does not parse, or whose value is 'U' (undetermined), is left
// out and counted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/probe_result.hpp"

namespace nyxmon::infra::probes {

struct PluginOutput {
  std::string summary;    // the first line's text, trimmed
  std::string long_text;  // the lines after it that are not performance data
  std::vector<domain::Measurement> performance_data;
  std::size_t unreadable_items = 0;  // performance data items left out
};

PluginOutput parse_plugin_output(std::string_view output);

// The first line of `text` that is not blank, trimmed: what a plugin said
// on standard error when its standard output says nothing.
std::string first_line_said(std::string_view text);

}  // namespace nyxmon::infra::probes
