# LungScan in a container: build the WAR with Maven, then run it on Payara Micro 6.2025.10 (JDK 17)
# as the image's non-root user "payara", with the data directory as a volume.
#   docker build -t lungscan .
#   docker run -p 8080:8080 -v lungscan-data:/opt/lungscan/data lungscan
# Docker cannot run on the machines this project is developed on: this file is kept simple and is
# not exercised by the tests (see README, "Deploying").

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY models models
RUN mvn -B -q package -DskipTests

FROM payara/micro:6.2025.10-jdk17
USER root
RUN mkdir -p /opt/lungscan/data /opt/lungscan/models && chown -R payara:payara /opt/lungscan
COPY --from=build --chown=payara:payara /build/target/lungscan.war /opt/payara/deployments/lungscan.war
COPY --chown=payara:payara models/lungscan-demo.h5 models/lungscan-demo.card.json /opt/lungscan/models/
COPY --chown=payara:payara payara-config/pre-boot-commands.asadmin /opt/payara/config/pre-boot-commands.asadmin
USER payara
# MALLOC_ARENA_MAX=2: with glibc's default arenas the memory a retired model frees stays in the
# arenas of its worker threads and the resident set grows with each activation (README, "Benchmarks")
ENV LUNGSCAN_DATA_DIR=/opt/lungscan/data \
    LUNGSCAN_MODEL_PATH=/opt/lungscan/models/lungscan-demo.h5 \
    MALLOC_ARENA_MAX=2
VOLUME /opt/lungscan/data
EXPOSE 8080
CMD ["--deploymentDir", "/opt/payara/deployments", "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", "--nohazelcast"]
