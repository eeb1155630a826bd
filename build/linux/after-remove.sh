#!/bin/sh
# deb: removes the `ferry` link the install made (only if it still points into the app).
if [ "$(readlink /usr/bin/ferry)" = '/opt/Ferry Notes/resources/cli/ferry' ]; then rm -f /usr/bin/ferry; fi
