// What each notifier kind sends when a failure reason carries what a hostile
// target wrote: chat markup from the data is escaped, the operator's template
// is sent as written, and headers stay one line.
#include "infrastructure/notify/webhook_payload.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::infra::notify {
namespace {

using namespace nyxmon::domain;
namespace json = boost::json;

constexpr std::string_view kHostileReason =
    "JSON status is \"<!channel> @everyone <http://evil.example|click> & [x](http://evil.example) "
    "<@123>\"";
constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";

NotificationRequested problem(std::string reason = std::string(kHostileReason)) {
  return NotificationRequested{7,
                               NotifierId{"chat"},
                               CheckId{"web"},
                               ServiceId{"shop"},
                               NotificationKind::kProblem,
                               Status::kDown,
                               testing::at(),
                               std::move(reason)};
}

NotifierSpec notifier(NotifierKind kind, std::string message_template = {}) {
  NotifierSpec spec{NotifierId{"chat"}, kind, "http://127.0.0.1:9/hook"};
  spec.message_template = std::move(message_template);
  return spec;
}

std::string with_word_joiners(std::string text) {
  for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1))
    text.insert(at + 1, kWordJoiner);
  return text;
}

TEST(SlackPayload, MarkupInTheReasonIsEscapedSoItCannotMentionOrLink) {
  const auto body = json::parse(build_payload(problem(), notifier(NotifierKind::kSlack)).body);
  EXPECT_EQ(body.at("text").as_string(),
            with_word_joiners("web (shop) is down: JSON status is \"&lt;!channel&gt; @everyone "
                              "&lt;http://evil.example|click&gt; &amp; [x](http://evil.example) "
                              "&lt;@123&gt;\""));
}

TEST(SlackPayload, TheOperatorsTemplateIsSentAsWritten) {
  const auto body =
      json::parse(build_payload(problem("a <b> & c"),
                                notifier(NotifierKind::kSlack, "<!here> {check}: {reason}"))
                      .body);
  EXPECT_EQ(body.at("text").as_string(), "<!here> web: a &lt;b&gt; &amp; c");
}

TEST(DiscordPayload, EveryMessageAllowsNoMentionsAndTheReasonsMarkupIsInert) {
  const auto body =
      json::parse(build_payload(problem(), notifier(NotifierKind::kDiscord)).body).as_object();
  EXPECT_EQ(body.at("allowed_mentions"), json::parse(R"({"parse": []})"));
  EXPECT_EQ(
      body.at("content").as_string(),
      with_word_joiners("web (shop) is down: JSON status is \"\\<!channel\\> @everyone "
                        "\\<http://evil.example\\|click\\> & \\[x\\]\\(http://evil.example\\) "
                        "\\<@123\\>\""));
}

TEST(DiscordPayload, MentionsWrittenInTheTemplateAreTheOnlyOnesAllowed) {
  const auto body =
      json::parse(build_payload(problem("@everyone <@99>"),
                                notifier(NotifierKind::kDiscord,
                                         "<@&42> <@!7> <@7> @here {check} is {status}: {reason}"))
                      .body)
          .as_object();
  EXPECT_EQ(body.at("allowed_mentions"),
            json::parse(R"({"parse": ["everyone"], "users": ["7"], "roles": ["42"]})"));
  EXPECT_EQ(body.at("content").as_string(),
            "<@&42> <@!7> <@7> @here web is down: " + with_word_joiners("@everyone \\<@99\\>"));
}

TEST(WebhookPayload, CarriesTheReasonAsTheTargetWroteIt) {
  const auto body =
      json::parse(build_payload(problem(), notifier(NotifierKind::kWebhook)).body).as_object();
  EXPECT_EQ(body.at("reason").as_string(), kHostileReason);
  EXPECT_EQ(body.at("message").as_string(), "web (shop) is down: " + std::string(kHostileReason));
}

TEST(NtfyPayload, TheBodyIsPlainTextAndTheTitleHeaderStaysOneAsciiLine) {
  NotificationRequested notification = problem();
  notification.check = CheckId{"web\r\nX-Injected: 1"};
  const WebhookPayload payload = build_payload(notification, notifier(NotifierKind::kNtfy));
  EXPECT_EQ(payload.body, "web\r\nX-Injected: 1 (shop) is down: " + std::string(kHostileReason));
  ASSERT_FALSE(payload.headers.empty());
  EXPECT_EQ(payload.headers[0].first, "Title");
  EXPECT_EQ(payload.headers[0].second, "nyxmon: web  X-Injected: 1 is down");

  notification.check = CheckId{"café"};
  const WebhookPayload accented = build_payload(notification, notifier(NotifierKind::kNtfy));
  // RFC 2047: "nyxmon: café is down" in base64.
  EXPECT_EQ(accented.headers[0].second, "=?UTF-8?B?bnl4bW9uOiBjYWbDqSBpcyBkb3du?=");
}

}  // namespace
}  // namespace nyxmon::infra::notify

namespace nyxmon::infra::notify {
namespace {

TEST(TelegramPayload, TheReasonsMarkupIsEscapedForHtmlParseMode) {
  NotifierSpec spec{NotifierId{"tg"}, NotifierKind::kTelegram, ""};
  spec.recipient = "42";
  const auto payload = build_payload(problem("<a href=\"x\">click</a> & more"), spec, "t0k");
  EXPECT_EQ(payload.url, "https://api.telegram.org/bott0k/sendMessage");
  const auto text = std::string(json::parse(payload.body).at("text").as_string());
  EXPECT_NE(text.find("&lt;a href=\"x\"&gt;click&lt;/a&gt; &amp; more"), std::string::npos) << text;
  EXPECT_EQ(text.find("<a"), std::string::npos);
}

TEST(ApiPayloads, ARecoveryResolvesOrClosesWhatTheProblemOpened) {
  NotificationRequested resolved = problem("");
  resolved.kind = NotificationKind::kResolved;
  resolved.status = Status::kUp;
  const NotifierSpec pagerduty{NotifierId{"pd"}, NotifierKind::kPagerDuty, ""};
  const auto resolve = build_payload(resolved, pagerduty, "key");
  EXPECT_EQ(resolve.url, "https://events.pagerduty.com/v2/enqueue");
  EXPECT_EQ(
      json::parse(resolve.body),
      json::parse(R"({"routing_key":"key","dedup_key":"nyxmon-web","event_action":"resolve"})"));
  const NotifierSpec opsgenie{NotifierId{"og"}, NotifierKind::kOpsgenie, "http://127.0.0.1:9/"};
  const auto close = build_payload(resolved, opsgenie, "key");
  EXPECT_EQ(close.url, "http://127.0.0.1:9/v2/alerts/nyxmon-web/close?identifierType=alias");
  EXPECT_EQ(close.headers.at(0),
            (std::pair<std::string, std::string>{"Authorization", "GenieKey key"}));
  NotificationRequested degraded = problem("slow");
  degraded.status = Status::kDegraded;
  EXPECT_EQ(json::parse(build_payload(degraded, pagerduty, "key").body)
                .at("payload")
                .at("severity")
                .as_string(),
            "warning");
}

}  // namespace
}  // namespace nyxmon::infra::notify
