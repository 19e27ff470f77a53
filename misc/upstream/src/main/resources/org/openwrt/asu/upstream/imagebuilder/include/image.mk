# Root filesystem images, built as a sub-make of build_image so that a failing image step is
# reported the way the real image rules report it (make[3]: *** [.../include/image.mk:...]).

.PHONY: FORCE
FORCE: ;

$(WORK_DIR)/root.ext4: FORCE
	@sh '$(TOPDIR)/scripts/make-ext4.sh' '$(WORK_DIR)' '$@'
