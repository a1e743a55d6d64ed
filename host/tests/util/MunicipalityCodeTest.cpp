#include <gtest/gtest.h>

#include "util/MunicipalityCode.h"

TEST(MunicipalityCode, CanonicalThreeDigits) {
  EXPECT_EQ(brobyg::canonicalMunicipality("101"), "101");
  EXPECT_EQ(brobyg::canonicalMunicipality("0101"), "101");
  EXPECT_EQ(brobyg::canonicalMunicipality("851"), "851");
  EXPECT_FALSE(brobyg::canonicalMunicipality("1101"));
  EXPECT_FALSE(brobyg::canonicalMunicipality("11"));
  EXPECT_FALSE(brobyg::canonicalMunicipality("10a"));
  EXPECT_FALSE(brobyg::canonicalMunicipality(""));
}
