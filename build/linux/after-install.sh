#!/bin/sh
# deb: puts the app's `ferry` command on the PATH.
ln -sf '/opt/Ferry Notes/resources/cli/ferry' /usr/bin/ferry
