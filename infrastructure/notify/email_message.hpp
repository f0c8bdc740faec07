// email_message.hpp — the message an email notifier sends for a
// notification: multipart/alternative with the message text (the
// notifier's template or the built-in wording) as text/plain and as a
// small HTML page, UTF-8, each part base64-encoded.
//
// Threading: the first message of a problem (its problem notification,
// sent when the problem began) has the Message-ID
// <nyxmon.<notifier>.<check>.<began, Unix ns>@<sender's domain>>; every
// later message of that problem (reminders, escalations, a change from
// degraded to down, the resolution) has a Message-ID of its own and points
// to that one with In-Reply-To and References, so that mail clients show
// an incident as one thread. An attempt made again keeps its Message-ID.
#pragma once

#include <string>

#include "domain/events/notification_events.hpp"
#include "domain/model/notifier_spec.hpp"

namespace nyxmon::infra::notify {

// `date`: the Date: header (probes::mail_date).
std::string compose_email(const domain::NotificationRequested& notification,
                          const domain::NotifierSpec& notifier, const std::string& date);

// The Message-ID that threads the messages of `notification`'s problem.
std::string incident_message_id(const domain::NotificationRequested& notification,
                                const domain::NotifierSpec& notifier);

// `text` as an RFC 2047 encoded word when it is not plain printable ASCII.
std::string header_text(const std::string& text);

}  // namespace nyxmon::infra::notify
