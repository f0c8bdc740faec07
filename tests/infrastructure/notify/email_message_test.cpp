// What an email notifier sends: a multipart message (text and HTML) whose
// headers thread a problem's messages into one conversation.
#include "infrastructure/notify/email_message.hpp"

#include <gtest/gtest.h>

#include "infrastructure/system/base64.hpp"

namespace nyxmon::infra::notify {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

NotifierSpec email_notifier() {
  NotifierSpec notifier;
  notifier.id = NotifierId{"ops-mail"};
  notifier.kind = NotifierKind::kEmail;
  notifier.mail_from = "nyxmon@example.com";
  notifier.mail_to = {"ops@example.com", "dev@example.com"};
  return notifier;
}

NotificationRequested notification(NotificationKind kind, Timestamp since, Timestamp began) {
  NotificationRequested n;
  n.notification = 7;
  n.notifier = NotifierId{"ops-mail"};
  n.check = CheckId{"shop-db"};
  n.service = ServiceId{"shop"};
  n.kind = kind;
  n.status = kind == NotificationKind::kResolved ? Status::kUp : Status::kDown;
  n.status_since = since;
  n.problem_began = began;
  n.reason = "connection refused by 10.0.0.5:5432 <db>";
  return n;
}

std::string header(const std::string& message, const std::string& name) {
  const auto at = message.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + name.size() + 4;
  return message.substr(start, message.find("\r\n", start) - start);
}

// The decoded body of the part with `type`.
std::string part(const std::string& message, const std::string& type) {
  const auto at = message.find("Content-Type: " + type);
  const auto body = message.find("\r\n\r\n", at) + 4;
  std::string encoded;
  for (std::size_t line = body; message.compare(line, 2, "--") != 0;) {
    const auto end = message.find("\r\n", line);
    encoded += message.substr(line, end - line);
    line = end + 2;
  }
  return system::base64_decode(encoded).value_or("(not base64)");
}

const Timestamp kBegan = Timestamp{} + 1'000'000h;

TEST(EmailMessage, AProblemOpensItsThreadAndTheResolutionAnswersIt) {
  const auto notifier = email_notifier();
  const std::string problem =
      compose_email(notification(NotificationKind::kProblem, kBegan, kBegan), notifier,
                    "Thu, 03 Dec 2026 09:33:07 +0000");
  const std::string resolved = compose_email(
      notification(NotificationKind::kResolved, kBegan + 5min, kBegan), notifier, "x");
  const std::string thread =
      incident_message_id(notification(NotificationKind::kProblem, kBegan, kBegan), notifier);
  EXPECT_TRUE(thread.starts_with("<nyxmon.ops-mail.shop-db.")) << thread;
  EXPECT_TRUE(thread.ends_with("@example.com>")) << thread;
  EXPECT_EQ(header(problem, "Message-ID"), thread);
  EXPECT_EQ(header(problem, "In-Reply-To"), "");
  EXPECT_NE(header(resolved, "Message-ID"), thread);
  EXPECT_EQ(header(resolved, "In-Reply-To"), thread);
  EXPECT_EQ(header(resolved, "References"), thread);
  EXPECT_EQ(header(problem, "To"), "<ops@example.com>, <dev@example.com>");
  EXPECT_EQ(header(problem, "Subject"), "nyxmon: shop-db is down");
  EXPECT_EQ(header(resolved, "Subject"), "nyxmon: shop-db is up");
  EXPECT_TRUE(problem.starts_with("Date: Thu, 03 Dec 2026 09:33:07 +0000\r\n"));
}

TEST(EmailMessage, AReminderOfTheSameProblemJoinsItsThread) {
  const auto notifier = email_notifier();
  const auto reminder = notification(NotificationKind::kReminder, kBegan, kBegan);
  const std::string message = compose_email(reminder, notifier, "x");
  EXPECT_EQ(header(message, "In-Reply-To"), incident_message_id(reminder, notifier));
  // A later problem of the same check is a thread of its own.
  const auto next = notification(NotificationKind::kProblem, kBegan + 1h, kBegan + 1h);
  EXPECT_NE(incident_message_id(next, notifier), incident_message_id(reminder, notifier));
}

TEST(EmailMessage, TextAndHtmlPartsCarryTheMessageWithTheDataEscapedInHtml) {
  const std::string message = compose_email(
      notification(NotificationKind::kProblem, kBegan, kBegan), email_notifier(), "x");
  EXPECT_NE(message.find("Content-Type: multipart/alternative; boundary="), std::string::npos);
  const std::string text = part(message, "text/plain; charset=utf-8");
  EXPECT_NE(text.find("shop-db"), std::string::npos) << text;
  EXPECT_NE(text.find("connection refused by 10.0.0.5:5432 <db>"), std::string::npos) << text;
  const std::string html = part(message, "text/html; charset=utf-8");
  EXPECT_NE(html.find("10.0.0.5:5432 &lt;db&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<db>"), std::string::npos) << html;
}

TEST(EmailMessage, ASubjectOutsideAsciiIsAnEncodedWord) {
  EXPECT_EQ(header_text("plain"), "plain");
  EXPECT_EQ(header_text("caf\xc3\xa9"), "=?UTF-8?B?Y2Fmw6k=?=");
}

}  // namespace
}  // namespace nyxmon::infra::notify
