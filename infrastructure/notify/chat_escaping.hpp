// chat_escaping.hpp — what text taken from the data becomes inside a chat
// message, so that a monitored target cannot make a notification page
// people, plant links or break a header.
//
// The rule: every value substituted into a notifier's message template
// ({check}, {service}, {status}, {reason}, {kind}, {since}) is escaped for the
// notifier's kind; the template itself is the operator's and is sent as
// written, so a `<!here>` or `<@&123>` written there still works. A failure
// reason quotes what a target sent (a JSON value, a header, a DNS answer),
// which is why values are never trusted.
//
//   slack    (Slack and Mattermost) & < > become &amp; &lt; &gt;, Slack's
//            documented escaping: no <!channel>, <@U123> or <url|text> from
//            data. A word joiner (U+2060, invisible) follows every @, so
//            that a plain @channel, @all or @name, which Mattermost turns into
//            a mention, stays text.
//   discord  Markdown and mention characters \ * _ ~ ` | < > [ ] ( ) # get a
//            backslash (no masked links, no <@id>), a word joiner follows
//            every @, and every message carries allowed_mentions that permit
//            only the mentions written in the template.
//   ntfy     the body is plain text and needs nothing; a header value has no
//            control characters (CR and LF would end the header) and is
//            RFC 2047-encoded when it is not ASCII, which ntfy decodes.
//   telegram (HTML parse mode) & < > become &amp; &lt; &gt;, as the Bot
//            API asks: no tags or links from data.
//   teams    as discord (an Adaptive Card's TextBlock reads Markdown).
//   webhook  nothing: the receiver gets the raw fields and decides; so
//            pagerduty, opsgenie, gotify and pushover, which show plain text.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace nyxmon::infra::notify {

// A value from the data, escaped for a Slack or Mattermost "text".
std::string escape_for_slack(std::string_view value);

// A value from the data, escaped for Telegram's HTML parse mode.
std::string escape_for_telegram(std::string_view value);

// A value from the data, escaped for the text of an HTML element (email).
std::string escape_for_html(std::string_view value);

// A value from the data, escaped for a Discord "content".
std::string escape_for_discord(std::string_view value);

// Discord's "allowed_mentions" for a message made from `message_template`:
// {"parse": []} plus the users (<@id>, <@!id>) and roles (<@&id>) the
// template mentions, and "everyone" when it says @everyone or @here.
// Mentions of anything else in the content ping nobody.
boost::json::object discord_allowed_mentions(std::string_view message_template);

// `value` made safe as an HTTP header value for ntfy: control characters
// become spaces; text that is not ASCII becomes one RFC 2047 encoded word
// (=?UTF-8?B?...?=).
std::string ntfy_header_value(std::string_view value);

}  // namespace nyxmon::infra::notify
