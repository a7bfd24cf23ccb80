#include "shm/robust_mutex.hpp"

#include <cerrno>

#include "tvp/error.hpp"

namespace tvp::shm {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw SystemError(std::string("robust mutex: ") + what, rc);
}

// Owns a mutex attribute object for the constructor's duration.
class MutexAttr {
 public:
  MutexAttr() { check(::pthread_mutexattr_init(&a_), "pthread_mutexattr_init"); }
  ~MutexAttr() { ::pthread_mutexattr_destroy(&a_); }
  MutexAttr(const MutexAttr&) = delete;
  MutexAttr& operator=(const MutexAttr&) = delete;
  pthread_mutexattr_t* get() noexcept { return &a_; }

 private:
  pthread_mutexattr_t a_;
};

}  // namespace

RobustMutex::RobustMutex() {
  MutexAttr attr;
  check(::pthread_mutexattr_setpshared(attr.get(), PTHREAD_PROCESS_SHARED), "setpshared");
  check(::pthread_mutexattr_setrobust(attr.get(), PTHREAD_MUTEX_ROBUST), "setrobust");
  check(::pthread_mutex_init(&m_, attr.get()), "pthread_mutex_init");
}

bool RobustMutex::lock() noexcept {
  const int rc = ::pthread_mutex_lock(&m_);
  if (rc == 0) return true;
  // EOWNERDEAD: we hold it now, in the "inconsistent" state. Unlocking without
  // pthread_mutex_consistent() makes it ENOTRECOVERABLE for everyone, which is what we want: the
  // data it guarded cannot be trusted. ENOTRECOVERABLE (an earlier death): not held, nothing to do.
  if (rc == EOWNERDEAD) ::pthread_mutex_unlock(&m_);
  return false;
}

}  // namespace tvp::shm
