# cmake --install: the tools, the gate scripts and the documentation. Included last from the top
# level, so it sees every target whatever folder defines it.
include(GNUInstallDirs)
foreach(tool tvp-bench tvp-report tvp-compare tvp-ab tvp-agreement tvp-export)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
# perf-check.sh finds the tools beside itself once installed; perf_ab.sh is the part it sources.
install(PROGRAMS scripts/perf-check.sh scripts/perf_ab.sh DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB tvp_tool_readmes RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tools/*/README.md)
foreach(readme IN LISTS tvp_tool_readmes)
  get_filename_component(dir ${readme} DIRECTORY)
  get_filename_component(name ${dir} NAME)
  install(FILES ${readme} DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME README-${name}.md)
endforeach()
