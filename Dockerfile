# The relay and the page in one image with no base image: a static (musl) proxy and the built page.
# `cargo xtask dist --container` lays out target/container/ (this file, ram-doctor-proxy, dist/) and, where
# podman or buildah can run, builds and starts the image. By hand: podman build --format docker target/container
#
# Run it read-only and as the unprivileged user it declares:
#   podman run --read-only --cap-drop=all -p 8080:8080 IMAGE [--allow-origin https://page.example.org]
FROM scratch
COPY ram-doctor-proxy /ram-doctor-proxy
COPY dist /dist
# nobody:nogroup; the files above stay root's, so nothing in the image is writable by the server.
USER 65534:65534
ENV RAM_DOCTOR_ADDR=0.0.0.0:8080 RAM_DOCTOR_DIST=/dist
EXPOSE 8080
# No shell or curl in a scratch image: the proxy asks its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 CMD ["/ram-doctor-proxy", "--healthcheck"]
ENTRYPOINT ["/ram-doctor-proxy"]
