#include "infrastructure/notify/chat_escaping.hpp"

#include <openssl/evp.h>

#include <boost/json/array.hpp>

#include <algorithm>

namespace nyxmon::infra::notify {

namespace {

// U+2060 WORD JOINER: invisible, and no mention syntax continues through it.
constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// & < > as HTML entities; with `join_mentions`, a word joiner after every @.
std::string escape_entities(std::string_view value, bool join_mentions) {
  std::string out;
  out.reserve(value.size() + 16);
  for (char c : value) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '@':
        out += '@';
        if (join_mentions) out += kWordJoiner;
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_for_slack(std::string_view value) {
  return escape_entities(value, true);
}

std::string escape_for_telegram(std::string_view value) {
  return escape_entities(value, false);
}

std::string escape_for_html(std::string_view value) {
  return escape_entities(value, false);
}

std::string escape_for_discord(std::string_view value) {
  constexpr std::string_view kMarkup = "\\*_~`|<>[]()#";
  std::string out;
  out.reserve(value.size() + 16);
  for (char c : value) {
    if (kMarkup.find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else if (c == '@') {
      out += '@';
      out += kWordJoiner;
    } else {
      out += c;
    }
  }
  return out;
}

boost::json::object discord_allowed_mentions(std::string_view message_template) {
  boost::json::array parse, users, roles;
  const auto says = [&](std::string_view word) {
    return message_template.find(word) != std::string_view::npos;
  };
  if (says("@everyone") || says("@here")) parse.emplace_back("everyone");
  for (std::size_t at = message_template.find("<@"); at != std::string_view::npos;
       at = message_template.find("<@", at + 2)) {
    std::size_t start = at + 2;
    const bool role = start < message_template.size() && message_template[start] == '&';
    if (start < message_template.size() &&
        (message_template[start] == '&' || message_template[start] == '!'))
      ++start;
    std::size_t end = start;
    while (end < message_template.size() && is_digit(message_template[end]))
      ++end;
    if (end == start || end >= message_template.size() || message_template[end] != '>') continue;
    boost::json::array& ids = role ? roles : users;
    const boost::json::string id(message_template.substr(start, end - start));
    if (std::find(ids.begin(), ids.end(), boost::json::value(id)) == ids.end())
      ids.emplace_back(id);
  }
  boost::json::object mentions{{"parse", std::move(parse)}};
  if (!users.empty()) mentions["users"] = std::move(users);
  if (!roles.empty()) mentions["roles"] = std::move(roles);
  return mentions;
}

std::string ntfy_header_value(std::string_view value) {
  std::string text(value);
  bool ascii = true;
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F)
      c = ' ';
    else if (byte >= 0x80)
      ascii = false;
  }
  if (ascii) return text;
  std::string encoded(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     static_cast<int>(text.size()));
  encoded.resize(static_cast<std::size_t>(length));
  return "=?UTF-8?B?" + encoded + "?=";
}

}  // namespace nyxmon::infra::notify
