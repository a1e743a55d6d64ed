#include "ColumnText.h"

#include <Poco/Data/Date.h>
#include <Poco/Data/LOB.h>
#include <Poco/Data/Time.h>
#include <Poco/DateTime.h>

#include <cstdio>

namespace brobyg::sql {
namespace {

using MC = Poco::Data::MetaColumn;

void appendIsoDate(int year, int month, int day, std::string& out) {
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  out += text;
}

void appendTime(int hour, int minute, int second, std::string& out) {
  char text[48];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", hour, minute, second);
  out += text;
}

void appendTimestamp(const Poco::DateTime& t, std::string& out) {
  appendIsoDate(t.year(), t.month(), t.day(), out);
  out += ' ';
  appendTime(t.hour(), t.minute(), t.second(), out);
  const int micros = t.millisecond() * 1000 + t.microsecond();
  if (micros != 0) {
    char fraction[24];
    std::snprintf(fraction, sizeof fraction, ".%06d", micros);
    out += fraction;
  }
}

}  // namespace

bool columnText(const Poco::Dynamic::Var& value, std::string& out) {
  out.clear();
  if (value.isEmpty()) return true;
  const std::type_info& type = value.type();
  if (type == typeid(Poco::Data::Date)) {
    const auto& d = value.extract<Poco::Data::Date>();
    appendIsoDate(d.year(), d.month(), d.day(), out);
  } else if (type == typeid(Poco::DateTime)) {
    appendTimestamp(value.extract<Poco::DateTime>(), out);
  } else if (type == typeid(Poco::Data::Time)) {
    const auto& t = value.extract<Poco::Data::Time>();
    appendTime(t.hour(), t.minute(), t.second(), out);
  } else if (type == typeid(Poco::Data::CLOB)) {
    const auto& clob = value.extract<Poco::Data::CLOB>();
    out.assign(clob.rawContent(), clob.size());
  } else if (type == typeid(Poco::Data::BLOB)) {
    return false;
  } else {
    out = value.convert<std::string>();
  }
  return true;
}

ColumnKind kindOf(MC::ColumnDataType type) {
  switch (type) {
    case MC::FDT_INT8:
    case MC::FDT_UINT8:
    case MC::FDT_INT16:
    case MC::FDT_UINT16:
    case MC::FDT_INT32:
    case MC::FDT_UINT32:
    case MC::FDT_INT64:
    case MC::FDT_UINT64:
      return ColumnKind::Integer;
    case MC::FDT_STRING:
    case MC::FDT_WSTRING:
    case MC::FDT_CLOB:
      return ColumnKind::Text;
    case MC::FDT_BOOL:
      return ColumnKind::Boolean;
    case MC::FDT_FLOAT:
    case MC::FDT_DOUBLE:
      return ColumnKind::Decimal;
    case MC::FDT_BLOB:
      return ColumnKind::Binary;
    case MC::FDT_DATE:
      return ColumnKind::Date;
    case MC::FDT_TIME:
      return ColumnKind::Time;
    case MC::FDT_TIMESTAMP:
      return ColumnKind::Timestamp;
    default:
      return ColumnKind::Unknown;
  }
}

}  // namespace brobyg::sql
