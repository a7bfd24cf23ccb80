# One place for the warning set; every tvp target links tvp_warnings.
add_library(tvp_warnings INTERFACE)
target_compile_options(tvp_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                              -Wno-sign-conversion)
if(TVP_WERROR)
  target_compile_options(tvp_warnings INTERFACE -Werror)
endif()
