#pragma once
// Typed errors: each names the thing that failed and what the user can do about it.
// Every binary maps them to exit code 2 at its single error boundary.
#include <stdexcept>
#include <string>

namespace jaryo {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The database is missing, locked, corrupt, foreign, or built by another analyzer.
class DatabaseError : public Error {
  public:
    using Error::Error;
};

// Another jaryo-index holds the database's write lock.
class DatabaseLocked : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

// The disk holding a database filled up while it was written; the message says what was kept.
class DiskFull : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

// A stub database file would start a program the user has not allowed (jaryo/stub.hpp).
class ExecRefused : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

// The user's query cannot be turned into a search.
class QueryError : public Error {
  public:
    using Error::Error;
};

// A file or folder given by the user cannot be used.
class InputError : public Error {
  public:
    using Error::Error;
};

// Writes "PROGRAM: MESSAGE" as one line on stderr for any exception and returns the exit code
// for it (2: could not run). Xapian's own exceptions are translated into plain words.
int report_fatal(const char* program, const std::exception_ptr& error) noexcept;

} // namespace jaryo
