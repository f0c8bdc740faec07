#include "infrastructure/notify/email_message.hpp"

#include "domain/model/time_text.hpp"
#include "infrastructure/notify/chat_escaping.hpp"
#include "infrastructure/notify/webhook_payload.hpp"
#include "infrastructure/system/base64.hpp"

namespace nyxmon::infra::notify {

using namespace nyxmon::domain;

namespace {

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "nyxmon.invalid" : address.substr(at + 1);
}

// <nyxmon.<notifier>.<check>.<began><suffix>@<sender's domain>>
std::string problem_message_id(const NotificationRequested& notification,
                               const NotifierSpec& notifier, const std::string& suffix) {
  return "<nyxmon." + notifier.id.value + "." + notification.check.value + "." +
         std::to_string(to_unix_nanos(notification.problem_began)) + suffix + "@" +
         domain_of(notifier.mail_from) + ">";
}

// Whether this is the message that opens its problem's thread.
bool opens_thread(const NotificationRequested& notification) {
  return notification.kind == NotificationKind::kProblem &&
         notification.status_since == notification.problem_began;
}

// Base64 in lines of 76 characters, each ended by CRLF.
std::string base64_lines(const std::string& bytes) {
  const std::string encoded = system::base64_encode(bytes);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += 76)
    out += encoded.substr(at, 76) + "\r\n";
  return out;
}

std::string html_page(const NotificationRequested& notification, const std::string& text) {
  std::string paragraphs;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (end > start)
      paragraphs += "<p>" + escape_for_html(text.substr(start, end - start)) + "</p>\n";
    start = end + 1;
  }
  const bool problem = tells_of_problem(notification.kind);
  const char* colour =
      problem ? (notification.status == Status::kDegraded ? "#b45309" : "#b91c1c") : "#15803d";
  auto row = [](const char* name, const std::string& value) {
    return std::string("<tr><th align=\"left\">") + name + "</th><td>" + escape_for_html(value) +
           "</td></tr>\n";
  };
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
         escape_for_html(notification_title(notification)) +
         "</title></head>\n<body style=\"font-family: sans-serif\">\n<h2 style=\"color: " + colour +
         "\">" + escape_for_html(notification_title(notification)) + "</h2>\n" + paragraphs +
         "<table cellpadding=\"4\">\n" + row("Check", notification.check.value) +
         row("Service", notification.service.value) +
         row("Status", std::string(to_string(notification.status))) +
         row("Since", format_timestamp(notification.status_since)) +
         row("Reason", notification.reason.empty() ? "no reason given" : notification.reason) +
         "</table>\n</body></html>\n";
}

}  // namespace

std::string incident_message_id(const NotificationRequested& notification,
                                const NotifierSpec& notifier) {
  return problem_message_id(notification, notifier, "");
}

std::string header_text(const std::string& text) {
  const bool plain =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
  if (plain) return text;
  return "=?UTF-8?B?" + system::base64_encode(text) + "?=";
}

std::string compose_email(const NotificationRequested& notification, const NotifierSpec& notifier,
                          const std::string& date) {
  const std::string text = render_message(notification, notifier.message_template);
  const std::string boundary = "nyxmon-" + std::to_string(notification.notification) + "-" +
                               std::to_string(to_unix_nanos(notification.problem_began));
  const std::string thread = incident_message_id(notification, notifier);
  std::string to;
  for (const std::string& address : notifier.mail_to)
    to += (to.empty() ? "<" : ", <") + address + ">";

  std::string message = "Date: " + date + "\r\nFrom: nyxmon <" + notifier.mail_from +
                        ">\r\nTo: " + to +
                        "\r\nSubject: " + header_text(notification_title(notification)) + "\r\n";
  if (opens_thread(notification)) {
    message += "Message-ID: " + thread + "\r\n";
  } else {
    message += "Message-ID: " +
               problem_message_id(notification, notifier,
                                  ".n" + std::to_string(notification.notification)) +
               "\r\nIn-Reply-To: " + thread + "\r\nReferences: " + thread + "\r\n";
  }
  message += "X-Nyxmon-Check: " + notification.check.value +
             "\r\nX-Nyxmon-Notification: " + std::to_string(notification.notification) +
             "\r\nAuto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/alternative; boundary=\"" +
             boundary + "\"\r\n\r\n";
  message += "--" + boundary +
             "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
             "base64\r\n\r\n" +
             base64_lines(text + "\n");
  message += "--" + boundary +
             "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: "
             "base64\r\n\r\n" +
             base64_lines(html_page(notification, text));
  message += "--" + boundary + "--\r\n";
  return message;
}

}  // namespace nyxmon::infra::notify
