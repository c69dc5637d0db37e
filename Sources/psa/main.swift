import ArgumentParser
print("warmup")
