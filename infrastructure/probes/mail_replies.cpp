#include "infrastructure/probes/mail_replies.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace nyxmon::infra::probes {

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::ranges::all_of(text, [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string ascii_uppercase(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::optional<SmtpReplyLine> parse_smtp_reply_line(std::string_view line) {
  if (line.size() < 3 || !all_digits(line.substr(0, 3))) return std::nullopt;
  if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return std::nullopt;
  SmtpReplyLine reply;
  reply.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  reply.last = line.size() == 3 || line[3] == ' ';
  reply.text = line.size() > 4 ? line.substr(4) : std::string_view();
  return reply;
}

std::optional<std::size_t> imap_literal_size(std::string_view line) {
  if (!line.ends_with('}')) return std::nullopt;
  const auto open = line.rfind('{');
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (digits.ends_with('+')) digits.remove_suffix(1);
  if (!all_digits(digits)) return std::nullopt;
  std::size_t size = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return size;
}

void add_imap_capabilities(std::string_view words, std::set<std::string>& into) {
  std::istringstream in{std::string(words)};
  for (std::string word; in >> word;)
    into.insert(ascii_uppercase(word));
}

std::vector<std::string> imap_search_uids(const std::vector<std::string>& untagged) {
  std::vector<std::string> uids;
  for (const std::string& line : untagged) {
    if (!ascii_uppercase(line.substr(0, 7)).starts_with("SEARCH") ||
        (line.size() > 6 && line[6] != ' '))
      continue;
    std::istringstream in(line.substr(6));
    for (std::string uid; in >> uid;)
      if (all_digits(uid)) uids.push_back(uid);
  }
  return uids;
}

}  // namespace nyxmon::infra::probes
