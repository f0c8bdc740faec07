#include "domain/model/silence_spec.hpp"

#include "domain/model/time_text.hpp"

namespace nyxmon::domain {
namespace {

constexpr std::string_view kKeys[] = {"check", "service", "kind", "notifier"};
// A silence longer than this is not a silence; remove the notifier instead.
constexpr Duration kLongestSilence = std::chrono::hours(24 * 31);

}  // namespace

std::optional<SilenceMatcher> parse_matcher(std::string_view text) {
  const auto equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0 || equals + 1 == text.size())
    return std::nullopt;
  return SilenceMatcher{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

bool SilenceSpec::matches(const CheckSpec& check, const NotifierId& notifier) const {
  for (const SilenceMatcher& matcher : matchers) {
    const std::string_view actual = matcher.key == "check" ? std::string_view(check.id.value)
                                    : matcher.key == "service"
                                        ? std::string_view(check.service.value)
                                    : matcher.key == "kind"     ? kind_of(check.probe)
                                    : matcher.key == "notifier" ? std::string_view(notifier.value)
                                                                : std::string_view();
    if (actual != matcher.value) return false;
  }
  return true;
}

std::string describe(const SilenceSpec& spec) {
  std::string text;
  for (const SilenceMatcher& matcher : spec.matchers)
    text += (text.empty() ? "" : ", ") + matcher.key + "=" + matcher.value;
  return text + " until " + format_timestamp(spec.ends_at);
}

ValidationProblems validate(const SilenceSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value))
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  if (spec.matchers.empty()) {
    problems.push_back({path + ".match", "is missing; say what it holds, such as service=shop"});
  }
  for (const SilenceMatcher& matcher : spec.matchers) {
    bool known = false;
    for (std::string_view key : kKeys)
      known = known || matcher.key == key;
    if (!known) {
      problems.push_back(
          {path + ".match", "'" + matcher.key + "' is not check, service, kind or notifier"});
    }
  }
  if (spec.ends_at <= spec.starts_at) {
    problems.push_back({path + ".ends_at", "must be after its start"});
  } else if (spec.ends_at - spec.starts_at > kLongestSilence) {
    problems.push_back({path + ".ends_at", "is more than 31 days after its start"});
  }
  return problems;
}

}  // namespace nyxmon::domain
