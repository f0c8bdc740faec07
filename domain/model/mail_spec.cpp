#include "domain/model/mail_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void validate(const MailSpec& spec, const std::string& path, ValidationProblems& problems) {
  validate(spec.smtp, MailProtocol::kSmtp, path + ".smtp", problems);
  validate(spec.imap, MailProtocol::kImap, path + ".imap", problems);
  for (auto [address, field] : {std::pair{&spec.from, ".from"}, std::pair{&spec.to, ".to"}}) {
    if (address->empty())
      problems.push_back({path + field, "is missing; give an address like monitor@example.com"});
    else if (!is_mail_address(*address))
      problems.push_back({path + field, "'" + *address + "' is not a mail address"});
  }
  if (spec.mailbox.empty() || spec.mailbox.find_first_of("\"\\\r\n") != std::string::npos)
    problems.push_back({path + ".mailbox", "'" + spec.mailbox + "' is not a mailbox name"});
  require_positive(spec.poll_every, path + ".poll_every", problems);
  require_positive(spec.warn_after, path + ".warn_after", problems);
}

}  // namespace nyxmon::domain
