// Fuzz target: what an SMTP or IMAP server says to the mail check and the
// email notifier: reply lines, literal announcements, capabilities and
// SEARCH answers. Whatever a server writes, nothing reads out of bounds, a
// reply code is three digits, a literal size is what its digits say, and
// only numbers are taken for UIDs.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "infrastructure/probes/mail_replies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nyxmon::infra::probes;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto reply = parse_smtp_reply_line(text)) {
    if (reply->code < 0 || reply->code > 999) __builtin_trap();
    if (reply->text.size() > text.size()) __builtin_trap();
  }
  if (auto literal = imap_literal_size(text)) {
    if (!text.ends_with('}')) __builtin_trap();
  }
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (const std::string& uid : imap_search_uids(lines)) {
    for (unsigned char c : uid)
      if (!std::isdigit(c)) __builtin_trap();
  }
  std::set<std::string> capabilities;
  add_imap_capabilities(text, capabilities);
  return 0;
}
