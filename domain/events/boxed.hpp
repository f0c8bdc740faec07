// boxed.hpp — a value kept on the heap, for the few large members of the
// event variant (a check's or a notifier's whole spec), so that every event
// takes no more room than the common ones (a scheduled run, a result): an
// Event is as large as its largest alternative, and logs are folded and
// batches decided by the thousand.
//
// A value type: copies copy the value, == compares values, and
// serialize() writes the value alone, so the bytes are those of T. Never
// empty, except once moved from (then only assigning to it is allowed).
#pragma once

#include <memory>
#include <utility>

namespace nyxmon::domain {

template <class T>
class Boxed {
 public:
  Boxed() : value_(std::make_unique<T>()) {}
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit
  Boxed(const Boxed& other) : value_(std::make_unique<T>(*other.value_)) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = std::make_unique<T>(*other.value_);
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }

  bool operator==(const Boxed& other) const { return *value_ == *other.value_; }

  template <class Archive>
  void serialize(Archive& archive) {
    archive(*value_);
  }

 private:
  std::unique_ptr<T> value_;
};

// The type a member holds: T for Boxed<T>, T itself otherwise.
template <class T>
struct Unboxed {
  using type = T;
};
template <class T>
struct Unboxed<Boxed<T>> {
  using type = T;
};

}  // namespace nyxmon::domain
