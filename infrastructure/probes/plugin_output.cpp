#include "infrastructure/probes/plugin_output.hpp"

#include <charconv>
#include <cmath>

namespace nyxmon::infra::probes {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

// Reads one item at the front of `rest`, which it advances past the item.
// Appends the measurement to `out` when the item is readable.
bool read_item(std::string_view& rest, std::vector<domain::Measurement>& out) {
  std::string label;
  if (rest.front() == '\'') {
    std::size_t i = 1;
    for (;;) {
      if (i >= rest.size()) {  // an unterminated quote: the rest is lost
        rest = {};
        return false;
      }
      if (rest[i] == '\'') {
        if (i + 1 < rest.size() && rest[i + 1] == '\'') {
          label += '\'';
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      label += rest[i++];
    }
    rest.remove_prefix(i);
    if (rest.empty() || rest.front() != '=') {
      while (!rest.empty() && !is_space(rest.front()))
        rest.remove_prefix(1);
      return false;
    }
  } else {
    const std::size_t equals = rest.find('=');
    std::size_t space = 0;
    while (space < rest.size() && !is_space(rest[space]))
      ++space;
    if (equals == std::string_view::npos || equals > space || equals == 0) {
      rest.remove_prefix(space);
      return false;
    }
    label = std::string(rest.substr(0, equals));
    rest.remove_prefix(equals);
  }
  rest.remove_prefix(1);  // '='
  std::size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]))
    ++end;
  const std::string_view fields = rest.substr(0, end);
  rest.remove_prefix(end);
  const std::string_view value_and_unit = fields.substr(0, fields.find(';'));
  if (label.empty() || value_and_unit.empty()) return false;
  double value = 0;
  const char* first = value_and_unit.data();
  const char* last = first + value_and_unit.size();
  const auto [stop, error] = std::from_chars(first, last, value);
  if (error != std::errc() || !std::isfinite(value)) return false;  // 'U' among them
  std::string unit(stop, last);
  for (char c : unit) {
    if (c == '\'' || c == '=' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  out.push_back(domain::Measurement{std::move(label), value, std::move(unit), {}});
  return true;
}

void read_performance_data(std::string_view text, PluginOutput& output) {
  for (;;) {
    while (!text.empty() && is_space(text.front()))
      text.remove_prefix(1);
    if (text.empty()) return;
    if (!read_item(text, output.performance_data)) ++output.unreadable_items;
  }
}

}  // namespace

PluginOutput parse_plugin_output(std::string_view output) {
  PluginOutput parsed;
  const std::size_t first_end = output.find('\n');
  const std::string_view first = output.substr(0, first_end);
  std::string_view rest =
      first_end == std::string_view::npos ? std::string_view{} : output.substr(first_end + 1);
  const std::size_t bar = first.find('|');
  parsed.summary = std::string(trimmed(first.substr(0, bar)));
  if (bar != std::string_view::npos) read_performance_data(first.substr(bar + 1), parsed);
  while (!rest.empty()) {
    const std::size_t line_end = rest.find('\n');
    const std::string_view line = rest.substr(0, line_end);
    const std::size_t line_bar = line.find('|');
    if (line_bar != std::string_view::npos) {
      if (!trimmed(line.substr(0, line_bar)).empty()) {
        if (!parsed.long_text.empty()) parsed.long_text += '\n';
        parsed.long_text += trimmed(line.substr(0, line_bar));
      }
      read_performance_data(rest.substr(line_bar + 1), parsed);
      break;
    }
    if (!trimmed(line).empty()) {
      if (!parsed.long_text.empty()) parsed.long_text += '\n';
      parsed.long_text += trimmed(line);
    }
    if (line_end == std::string_view::npos) break;
    rest.remove_prefix(line_end + 1);
  }
  return parsed;
}

std::string first_line_said(std::string_view text) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trimmed(text.substr(0, end));
    if (!line.empty()) return std::string(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return "";
}

}  // namespace nyxmon::infra::probes
